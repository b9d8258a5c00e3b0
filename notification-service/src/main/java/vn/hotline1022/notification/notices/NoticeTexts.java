package vn.hotline1022.notification.notices;

import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import vn.hotline1022.events.EventType;
import vn.hotline1022.notification.notices.NoticeRules.Recipient;

/**
 * Renders a notice from {@code templates/notices/[<recipient>/]<EventName>.<lang>.txt}. Templates may span lines for
 * readability: the result is folded into one line, as an SMS is.
 */
@ApplicationScoped
public class NoticeTexts {

    public static final String DEFAULT_LANGUAGE = "vi";
    public static final Set<String> LANGUAGES = Set.of("vi", "en");

    @Inject
    Engine engine;

    /** The citizen's notice, in {@code language} when there is a template in it, else in Vietnamese. */
    public String render(EventType type, String language, Map<String, Object> values) {
        return render(type, Recipient.CITIZEN, language, values);
    }

    /**
     * @throws IllegalStateException when there is no template for this event and recipient
     * @throws io.quarkus.qute.TemplateException when a value the template needs is missing
     */
    public String render(EventType type, Recipient recipient, String language, Map<String, Object> values) {
        Template template = template(type, recipient, language);
        if (template == null) {
            throw new IllegalStateException("No notice template for " + type.eventName() + " to " + recipient);
        }
        TemplateInstance instance = template.instance();
        values.forEach(instance::data);
        return instance.render().strip().replaceAll("\\s+", " ");
    }

    public boolean exists(EventType type, Recipient recipient) {
        return template(type, recipient, DEFAULT_LANGUAGE) != null;
    }

    private Template template(EventType type, Recipient recipient, String language) {
        String lang = language != null && LANGUAGES.contains(language) ? language : DEFAULT_LANGUAGE;
        Template template = engine.getTemplate(id(type, recipient, lang));
        return template != null ? template : engine.getTemplate(id(type, recipient, DEFAULT_LANGUAGE));
    }

    private static String id(EventType type, Recipient recipient, String language) {
        return "notices/" + recipient.templateFolder() + type.eventName() + "." + language;
    }
}
