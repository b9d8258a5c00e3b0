package vn.hotline1022.intake.open311;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.hotline1022.commons.web.XmlText;

/**
 * The XML form of GeoReport v2 answers, written from the same records as the JSON (so the two never disagree): a root
 * element ({@code services}, {@code service_definition}, {@code service_requests}), one element per list item
 * ({@code service}, {@code request}), one per field under its JSON name, a nested list as the field's element holding
 * its items under the singular name ({@code attributes/attribute}, {@code values/value}). Null fields are empty
 * elements, as the specification's examples show.
 */
final class Open311Xml {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Open311Xml() {
    }

    /** A list answer: {@code <root><item>…</item>…</root>}. */
    static String list(String root, String item, Iterable<?> values) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><").append(root).append('>');
        for (Object value : values) {
            element(xml, item, JSON.valueToTree(value));
        }
        return xml.append("</").append(root).append('>').toString();
    }

    /** A single answer: {@code <root>fields</root>}. */
    static String single(String root, Object value) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        element(xml, root, JSON.valueToTree(value));
        return xml.toString();
    }

    private static void element(StringBuilder xml, String name, JsonNode node) {
        xml.append('<').append(name).append('>');
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                element(xml, field.getKey(), field.getValue());
            }
        } else if (node.isArray()) {
            String item = name.endsWith("s") ? name.substring(0, name.length() - 1) : name + "_item";
            node.forEach(child -> element(xml, item, child));
        } else if (!node.isNull()) {
            xml.append(XmlText.escape(node.asText()));
        }
        xml.append("</").append(name).append('>');
    }
}
