package vn.hotline1022.text;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Text for search that ignores Vietnamese diacritics: "Thủ Dầu Một" and "thu dau mot" are both {@code thu dau mot}.
 * NFD splits a letter from its marks (dấu), which are then dropped; đ/Đ is a letter of its own, not a d with a mark,
 * so it is mapped by hand.
 */
public final class SearchText {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private SearchText() {
    }

    public static String of(String... parts) {
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            if (p != null && !p.isBlank()) {
                sb.append(' ').append(p);
            }
        }
        return normalise(sb.toString());
    }

    public static String normalise(String text) {
        if (text == null) {
            return "";
        }
        String s = Normalizer.normalize(text, Normalizer.Form.NFD);
        s = MARKS.matcher(s).replaceAll("").replace('đ', 'd').replace('Đ', 'D');
        return SPACES.matcher(s.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }
}
