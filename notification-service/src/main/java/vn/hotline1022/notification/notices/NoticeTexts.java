package vn.hotline1022.notification.notices;

import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import vn.hotline1022.events.EventType;

/**
 * Renders a notice from {@code templates/notices/<EventName>.<lang>.txt}. Templates may span lines for readability:
 * the result is folded into one line, as an SMS is.
 */
@ApplicationScoped
public class NoticeTexts {

    public static final String DEFAULT_LANGUAGE = "vi";
    public static final Set<String> LANGUAGES = Set.of("vi", "en");

    @Inject
    Engine engine;

    /** In {@code language} when there is a template in it, else in Vietnamese. */
    public String render(EventType type, String language, Map<String, Object> values) {
        String lang = language != null && LANGUAGES.contains(language) ? language : DEFAULT_LANGUAGE;
        Template template = engine.getTemplate(id(type, lang));
        if (template == null) {
            template = engine.getTemplate(id(type, DEFAULT_LANGUAGE));
        }
        if (template == null) {
            throw new IllegalStateException("No notice template for " + type.eventName());
        }
        TemplateInstance instance = template.instance();
        values.forEach(instance::data);
        return instance.render().strip().replaceAll("\\s+", " ");
    }

    private static String id(EventType type, String language) {
        return "notices/" + type.eventName() + "." + language;
    }
}
