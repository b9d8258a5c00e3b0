package vn.hotline1022.intake.sms;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import vn.hotline1022.commons.web.TextRules;
import vn.hotline1022.events.common.ContactChannel;
import vn.hotline1022.intake.callbacks.Callbacks;
import vn.hotline1022.intake.calls.CallTaker;
import vn.hotline1022.intake.calls.NewCall;
import vn.hotline1022.messaging.locks.AdvisoryLocks;
import vn.hotline1022.messaging.locks.LockSpace;

/**
 * A keyword text taken like a call (on its channel, SMS or Zalo: the same triage, repeat-caller and household linking, CallReceived),
 * and every answered text remembered by its gateway message id in the same transaction, so a text delivered twice is
 * answered twice alike and acted on once.
 */
@ApplicationScoped
public class InboundTextCases {

    private static final String FIND = "select reply from inbound_text where provider = ?1 and message_id = ?2";
    private static final String REMEMBER = """
            insert into inbound_text (provider, message_id, received_at, case_code, reply) values (?1, ?2, ?3, ?4, ?5)
            on conflict do nothing
            """;

    @Inject
    EntityManager em;

    @Inject
    CallTaker callTaker;

    @Inject
    AdvisoryLocks locks;

    @Inject
    Callbacks callbacks;

    /** The answer given to this message before, if it was received before. */
    public Optional<String> answered(String provider, String messageId) {
        List<?> found = em.createNativeQuery(FIND).setParameter(1, provider).setParameter(2, messageId)
                .getResultList();
        return found.isEmpty() ? Optional.empty() : Optional.of((String) found.get(0));
    }

    /**
     * Opens the case (or, for a text that proves its phone, joins the phone's or household's open case) and answers
     * with its code. A phone only named in the message (Zalo) never joins an open case: the request waits for an
     * agent's callback to that phone, and the answer names the callback's code, never the case's.
     */
    @Transactional
    public String take(String provider, String messageId, ContactChannel channel, String phone,
            TextKeywords.Request request, String text) {
        // The phone's calls are taken one after another (CallTaker takes the same lock): a second delivery of the
        // same message waits for the first and then finds its answer.
        locks.lock(LockSpace.CALLER_PHONE, phone);
        Optional<String> before = answered(provider, messageId);
        if (before.isPresent()) {
            return before.get();
        }
        NewCall call = new NewCall(null, channel, new NewCall.CallerDetails(null, phone),
                new NewCall.Address(request.wardCode(), null, null, null), List.of(request.need()),
                request.householdSize(), Set.of(), null, null, false);
        String agent = channel.name().toLowerCase(java.util.Locale.ROOT) + "-gateway";
        Optional<CallTaker.Taken> maybe = channel == ContactChannel.SMS ? Optional.of(callTaker.take(call, agent))
                : callTaker.takeNewOnly(call, agent);
        if (maybe.isEmpty()) {
            return callback(provider, messageId, channel, phone, text, "");
        }
        CallTaker.Taken taken = maybe.get();
        String code = taken.hotlineCase().code;
        String reply = taken.created()
                ? "Tổng đài 1022 đã tiếp nhận yêu cầu, mã hồ sơ " + code + ". Giữ mã này để tra cứu."
                : "Tổng đài 1022: yêu cầu đã được gộp vào hồ sơ đang xử lý " + code + ".";
        remember(provider, messageId, code, reply);
        return reply;
    }

    /**
     * Free text: a callback for the agents' queue (or the phone's pending one), and the answer with its code, which
     * the case the agent opens will keep.
     */
    @Transactional
    public String callback(String provider, String messageId, ContactChannel channel, String phone, String text,
            String preface) {
        locks.lock(LockSpace.CALLER_PHONE, phone);
        Optional<String> before = answered(provider, messageId);
        if (before.isPresent()) {
            return before.get();
        }
        Callbacks.Requested requested = callbacks.request(channel, phone, TextRules.clean(text));
        String code = requested.callback().code;
        // A phone only named in the message (Zalo) is not told the code of a callback someone else may have asked for.
        String reply = "Tổng đài 1022: " + preface + (requested.created()
                ? "Đã nhận tin nhắn, mã hồ sơ " + code + ". Tổng đài viên sẽ gọi lại số này. Lần sau có"
                        + " thể soạn 1022 <NHU CẦU> <MÃ PHƯỜNG/XÃ> để được xử lý ngay. Cần gấp, xin gọi 1022."
                : channel == ContactChannel.SMS ? "Tin nhắn đã được thêm vào yêu cầu gọi lại " + code + "."
                : "Tin nhắn đã được chuyển tới tổng đài viên; tổng đài viên sẽ gọi lại số này.");
        remember(provider, messageId, code, reply);
        return reply;
    }

    /**
     * A text that opened nothing (help, refusal), remembered so that its second delivery is answered alike; the
     * answer already kept when the same message was answered meanwhile.
     */
    @Transactional
    public String answer(String provider, String messageId, String reply) {
        remember(provider, messageId, null, reply);
        return answered(provider, messageId).orElse(reply);
    }

    private void remember(String provider, String messageId, String code, String reply) {
        em.createNativeQuery(REMEMBER).setParameter(1, provider).setParameter(2, messageId)
                .setParameter(3, Instant.now()).setParameter(4, code).setParameter(5, reply).executeUpdate();
    }
}
