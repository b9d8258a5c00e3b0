package vn.hotline1022.testkit;

/**
 * The shortest string matching a simple regular expression, as the services' {@code @Pattern}s write them: literals,
 * escapes ({@code \d \w \s \.}), character classes with ranges, groups with alternatives (the first is taken) and
 * quantifiers ({@code ? * + {n} {n,} {n,m}}, at their minimum). Enough for {@link BadInputFuzzer} to build a body that
 * passes validation, so that each malformed field reaches as deep as it can.
 */
final class RegexExample {

    private final String regex;
    private int at;

    private RegexExample(String regex) {
        this.regex = regex;
    }

    static String of(String regex) {
        RegexExample r = new RegexExample(regex);
        return r.alternatives();
    }

    private String alternatives() {
        String first = sequence();
        while (at < regex.length() && regex.charAt(at) == '|') {
            at++;
            sequence(); // only the first alternative is used
        }
        return first;
    }

    private String sequence() {
        StringBuilder out = new StringBuilder();
        while (at < regex.length() && regex.charAt(at) != '|' && regex.charAt(at) != ')') {
            String atom = atom();
            int[] times = quantifier();
            out.append(atom.repeat(times[0]));
        }
        return out.toString();
    }

    private String atom() {
        char c = regex.charAt(at++);
        switch (c) {
            case '(': {
                if (regex.startsWith("?:", at)) {
                    at += 2;
                }
                String inner = alternatives();
                at++; // ')'
                return inner;
            }
            case '[': {
                String first = null;
                boolean negated = at < regex.length() && regex.charAt(at) == '^';
                if (negated) {
                    at++;
                }
                while (regex.charAt(at) != ']') {
                    char k = regex.charAt(at++);
                    String ch = k == '\\' ? escape(regex.charAt(at++)) : String.valueOf(k);
                    if (at + 1 < regex.length() && regex.charAt(at) == '-' && regex.charAt(at + 1) != ']') {
                        at += 2; // a range: its first character will do
                    }
                    if (first == null) {
                        first = ch;
                    }
                }
                at++; // ']'
                return negated ? "x" : first == null ? "" : first;
            }
            case '\\':
                return escape(regex.charAt(at++));
            case '.':
                return "x";
            case '^':
            case '$':
                return "";
            default:
                return String.valueOf(c);
        }
    }

    private static String escape(char c) {
        return switch (c) {
            case 'd' -> "1";
            case 'w' -> "a";
            case 's' -> " ";
            case 'p' -> "a";
            default -> String.valueOf(c);
        };
    }

    /** {min, max}; the example uses min (at least 1 for +). */
    private int[] quantifier() {
        if (at >= regex.length()) {
            return new int[] { 1, 1 };
        }
        char c = regex.charAt(at);
        switch (c) {
            case '?':
            case '*':
                at++;
                lazy();
                return new int[] { 0, 0 };
            case '+':
                at++;
                lazy();
                return new int[] { 1, 1 };
            case '{': {
                int end = regex.indexOf('}', at);
                String[] bounds = regex.substring(at + 1, end).split(",", -1);
                at = end + 1;
                lazy();
                return new int[] { Integer.parseInt(bounds[0].strip()), 0 };
            }
            default:
                return new int[] { 1, 1 };
        }
    }

    private void lazy() {
        if (at < regex.length() && regex.charAt(at) == '?') {
            at++;
        }
    }
}
