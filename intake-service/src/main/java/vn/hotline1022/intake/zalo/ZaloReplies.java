package vn.hotline1022.intake.zalo;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import vn.hotline1022.intake.IntakeConfig;

/**
 * Sends the answers to Zalo messages back through the OA API ({@code POST message/cs} with the OA's access token),
 * after the webhook has answered Zalo. An answer is queued with the message it answers, so it is sent even after a
 * crash; one worker row at a time, taken with {@code for update skip locked} (any number of instances), retried with
 * growing waits and given up after {@code hotline.intake.zalo.reply-attempts}. The user id is erased once sent or given
 * up. At least once: a crash between Zalo accepting and the commit sends it again.
 */
@ApplicationScoped
public class ZaloReplies {

    private static final Logger LOG = Logger.getLogger(ZaloReplies.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MAX_WAIT = Duration.ofMinutes(10);
    private static final int PER_RUN = 50;
    private static final String QUEUE = """
            update inbound_text set reply_to = ?3, next_reply_at = ?4
            where provider = ?1 and message_id = ?2 and reply_to is null and reply_sent_at is null
              and reply_attempts = 0
            """;
    private static final String DUE = """
            select provider, message_id, reply_to, reply, reply_attempts from inbound_text
            where reply_to is not null and next_reply_at <= ?1 order by next_reply_at limit 1 for update skip locked
            """;
    private static final String SENT = """
            update inbound_text set reply_to = null, reply_sent_at = ?3, reply_attempts = reply_attempts + 1
            where provider = ?1 and message_id = ?2
            """;
    private static final String FAILED = """
            update inbound_text set reply_attempts = ?3, next_reply_at = ?4, reply_to = case when ?5 then null
              else reply_to end
            where provider = ?1 and message_id = ?2
            """;

    @Inject
    EntityManager em;

    @Inject
    IntakeConfig config;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The answer kept for this message goes to this Zalo user; once, however often the message is delivered. */
    @Transactional
    public void queue(String provider, String messageId, String userId) {
        em.createNativeQuery(QUEUE).setParameter(1, provider).setParameter(2, messageId).setParameter(3, userId)
                .setParameter(4, Instant.now()).executeUpdate();
    }

    @Scheduled(identity = "zalo-replies", every = "${hotline.intake.zalo.send-every:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sendDue() {
        if (config.zalo().secretKey().isEmpty()) {
            return; // no webhook, so nothing is ever queued
        }
        for (int i = 0; i < PER_RUN && QuarkusTransaction.requiringNew().call(this::sendOne); i++) {
            // one answer per transaction: a slow Zalo holds one row, not the batch
        }
    }

    private boolean sendOne() {
        List<?> due = em.createNativeQuery(DUE).setParameter(1, Instant.now()).getResultList();
        if (due.isEmpty()) {
            return false;
        }
        Object[] row = (Object[]) due.get(0);
        String provider = (String) row[0];
        String messageId = (String) row[1];
        int attempts = ((Number) row[4]).intValue() + 1;
        try {
            send((String) row[2], (String) row[3]);
            em.createNativeQuery(SENT).setParameter(1, provider).setParameter(2, messageId)
                    .setParameter(3, Instant.now()).executeUpdate();
        } catch (ReplyFailed e) {
            boolean givenUp = attempts >= config.zalo().replyAttempts();
            Duration wait = Duration.ofSeconds(1L << Math.min(attempts, 10));
            em.createNativeQuery(FAILED).setParameter(1, provider).setParameter(2, messageId)
                    .setParameter(3, attempts).setParameter(4, Instant.now().plus(wait.compareTo(MAX_WAIT) < 0
                            ? wait : MAX_WAIT))
                    .setParameter(5, givenUp).executeUpdate();
            if (givenUp) {
                LOG.warnf("Answer to Zalo message %s given up after %d attempts: %s", messageId, attempts,
                        e.getMessage());
            } else {
                LOG.infof("Answer to Zalo message %s not sent (attempt %d): %s", messageId, attempts, e.getMessage());
            }
        }
        return true;
    }

    private void send(String userId, String text) throws ReplyFailed {
        String token = config.zalo().accessToken().filter(t -> !t.isBlank())
                .orElseThrow(() -> new ReplyFailed("no OA access token configured"));
        String body;
        try {
            body = JSON.writeValueAsString(Map.of("recipient", Map.of("user_id", userId),
                    "message", Map.of("text", text)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a Zalo message", e);
        }
        HttpRequest request = HttpRequest.newBuilder(config.zalo().apiUrl()).timeout(config.zalo().replyTimeout())
                .header("Content-Type", "application/json; charset=utf-8").header("access_token", token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ReplyFailed("Zalo unreachable (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplyFailed("interrupted");
        }
        if (response.statusCode() / 100 != 2) {
            throw new ReplyFailed("Zalo answered HTTP " + response.statusCode());
        }
        int error;
        try {
            error = JSON.readTree(response.body()).path("error").asInt(-1);
        } catch (JsonProcessingException e) {
            throw new ReplyFailed("Zalo answered something that is not JSON");
        }
        if (error != 0) {
            throw new ReplyFailed("Zalo refused the message (error " + error + ")"); // the code only: no text
        }
    }

    /** An attempt that did not reach the user; the message is safe to log. */
    static final class ReplyFailed extends Exception {
        ReplyFailed(String message) {
            super(message, null, false, false);
        }
    }
}
