package vn.hotline1022.ops.deadletters;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import vn.hotline1022.text.Masking;

/**
 * A dead letter's payload as ops may read it: the event's JSON with phones, names, addresses, citizen IDs and free
 * notes masked by field name (vn-text's {@link Masking}), whatever the event type. What is not JSON is not shown.
 */
final class PayloadMasking {

    private PayloadMasking() {
    }

    static String masked(byte[] payload, ObjectMapper json) {
        if (payload == null) {
            return null;
        }
        JsonNode root;
        try {
            root = json.readTree(payload);
        } catch (Exception e) {
            return "(not JSON: " + payload.length + " bytes, not shown)";
        }
        if (root == null) {
            return "(empty)";
        }
        mask(root);
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (Exception e) {
            return "(not shown)";
        }
    }

    private static void mask(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode value = field.getValue();
                if (value.isTextual()) {
                    String masked = masked(field.getKey(), value.asText());
                    if (masked != null) {
                        field.setValue(TextNode.valueOf(masked));
                    }
                } else {
                    mask(value);
                }
            }
        } else if (node.isArray()) {
            node.forEach(PayloadMasking::mask);
        }
    }

    /** Null when the field is not personal data. */
    static String masked(String field, String value) {
        String f = field.toLowerCase(Locale.ROOT);
        if (f.contains("phone")) {
            return Masking.phone(value);
        }
        if (f.contains("email") || f.contains("mailbox")) {
            return Masking.email(value);
        }
        if (f.equals("name") || f.endsWith("name") && !f.endsWith("eventname") && !f.endsWith("hospitalname")
                && !f.endsWith("teamname") && !f.endsWith("wardname") && !f.endsWith("districtname")) {
            return Masking.name(value);
        }
        if (f.contains("address") || f.contains("citizenid") || f.contains("note") || f.contains("clinical")) {
            return Masking.address(value);
        }
        return null;
    }

    static String text(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }
}
