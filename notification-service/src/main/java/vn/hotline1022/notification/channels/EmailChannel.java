package vn.hotline1022.notification.channels;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;

/**
 * E-mail through SMTP (Quarkus Mailer; the server is {@code quarkus.mailer.*}). Our own Message-ID is set, so the
 * delivery log's provider id finds the message in the recipients' mailboxes and the server's logs.
 */
public class EmailChannel implements NoticeChannel {

    private final ReactiveMailer mailer;
    private final Duration timeout;

    public EmailChannel(ReactiveMailer mailer, Duration timeout) {
        this.mailer = mailer;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "EMAIL";
    }

    @Override
    public String send(OutgoingNotice notice) throws DeliveryException {
        if (notice.to() == null || !notice.to().contains("@")) {
            throw new DeliveryException("no e-mail address for this recipient");
        }
        String messageId = "<" + notice.notificationId() + "@notification.hotline1022.vn>";
        Mail mail = Mail.withText(notice.to(), notice.subject() == null ? "Hotline 1022" : notice.subject(),
                notice.text()).addHeader("Message-ID", messageId);
        if (notice.attachment() != null) {
            mail.addAttachment(notice.attachment().name(),
                    notice.attachment().content().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    notice.attachment().contentType());
        }
        try {
            mailer.send(mail).await().atMost(timeout);
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (e instanceof io.smallrye.mutiny.TimeoutException || cause instanceof TimeoutException) {
                throw new DeliveryException("SMTP server did not answer within " + timeout.toMillis() + " ms");
            }
            // The kind only: an SMTP error may quote the address.
            throw new DeliveryException("SMTP delivery failed (" + cause.getClass().getSimpleName() + ")");
        }
        return messageId;
    }
}
