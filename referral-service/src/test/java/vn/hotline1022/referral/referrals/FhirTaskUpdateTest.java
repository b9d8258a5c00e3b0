package vn.hotline1022.referral.referrals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What a hospital system's updated FHIR Task asks for, row by row, without Quarkus or a database. */
class FhirTaskUpdateTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID = "2b9f3c55-5e1a-4f0e-9d4b-7c1a2e3f4a5b";

    record Row(String task, Object expected, String why) {
    }

    @Test
    void eachStatusMeansOneAnswer() throws Exception {
        List<Row> rows = List.of(
                new Row("{\"resourceType\":\"Task\",\"id\":\"" + ID + "\",\"status\":\"received\"}",
                        new FhirTaskUpdate.Receive(), "opened by the hospital"),
                new Row("{\"resourceType\":\"Task\",\"status\":\"accepted\",\"output\":[{\"type\":{\"text\":\"bed\"},"
                        + "\"valueString\":\"ICU-3\"},{\"type\":{\"text\":\"expected-arrival\"},"
                        + "\"valueDateTime\":\"2021-08-20T10:00:00+07:00\"}]}",
                        new FhirTaskUpdate.Accept("ICU-3", Instant.parse("2021-08-20T03:00:00Z")),
                        "accepted with the bed and the hour, any zone"),
                new Row("{\"resourceType\":\"Task\",\"status\":\"rejected\",\"statusReason\":{\"coding\":[{\"system\":"
                        + "\"urn:hotline1022:cs:rejection-reason\",\"code\":\"NO_BEDS\"}]}}",
                        new FhirTaskUpdate.Reject(RejectionReason.NO_BEDS, null), "rejected with our code"),
                new Row("{\"resourceType\":\"Task\",\"status\":\"completed\",\"businessStatus\":{\"coding\":"
                        + "[{\"code\":\"ADMITTED\"}]},\"note\":[{\"text\":\"Khoa Hồi sức\"}]}",
                        new FhirTaskUpdate.Admit("Khoa Hồi sức"), "admitted, the note kept"),
                new Row("{\"resourceType\":\"Task\",\"status\":\"completed\",\"businessStatus\":{\"coding\":"
                        + "[{\"code\":\"transferred\"}]},\"output\":[{\"type\":{\"text\":\"transferred-to\"},"
                        + "\"valueString\":\"79001\"}]}",
                        new FhirTaskUpdate.Discharge("TRANSFERRED", "79001", null), "a transfer names where to"),
                new Row("{\"resourceType\":\"Task\",\"status\":\"failed\"}", new FhirTaskUpdate.NotAdmitted(null),
                        "the patient never came"));
        for (Row row : rows) {
            assertThat(FhirTaskUpdate.read(JSON.readTree(row.task()), ID)).as(row.why()).isEqualTo(row.expected());
        }
    }

    @Test
    void aMalformedUpdateNamesTheFieldAtFault() throws Exception {
        List<Row> rows = List.of(
                new Row("{\"resourceType\":\"Patient\",\"status\":\"accepted\"}", "resourceType", "not a Task"),
                new Row("[]", "resourceType", "not an object"),
                new Row("{\"resourceType\":\"Task\",\"id\":\"another\",\"status\":\"received\"}", "id",
                        "another referral's Task"),
                new Row("{\"resourceType\":\"Task\",\"status\":\"on-hold\"}", "status", "a status we do not act on"),
                new Row("{\"resourceType\":\"Task\",\"status\":\"accepted\"}", "output[bed].valueString",
                        "accepted without a bed"),
                new Row("{\"resourceType\":\"Task\",\"status\":\"accepted\",\"output\":[{\"type\":{\"text\":\"bed\"},"
                        + "\"valueString\":\"A\"},{\"type\":{\"text\":\"expected-arrival\"},\"valueDateTime\":"
                        + "\"99999-01-01T00:00:00Z\"}]}", "output[expected-arrival].valueDateTime",
                        "an extreme date"),
                new Row("{\"resourceType\":\"Task\",\"status\":\"rejected\",\"statusReason\":{\"coding\":"
                        + "[{\"code\":\"OTHER\"}]}}", "statusReason.text", "OTHER needs the reason"),
                new Row("{\"resourceType\":\"Task\",\"status\":\"rejected\"}", "statusReason.coding",
                        "no reason at all"),
                new Row("{\"resourceType\":\"Task\",\"status\":\"completed\",\"businessStatus\":{\"coding\":"
                        + "[{\"code\":\"GONE\"}]}}", "businessStatus.coding", "an unknown business status"),
                new Row("{\"resourceType\":\"Task\",\"status\":\"completed\",\"businessStatus\":{\"coding\":"
                        + "[{\"code\":\"TRANSFERRED\"}]},\"output\":[{\"type\":{\"text\":\"transferred-to\"},"
                        + "\"valueString\":\"<b>\\u0000\"}]}", "output[transferred-to].valueString",
                        "markup and NUL where a facility code goes"));
        for (Row row : rows) {
            JsonNode task = JSON.readTree(row.task());
            assertThat(FhirTaskUpdate.read(task, ID)).as(row.why()).isInstanceOfSatisfying(
                    FhirTaskUpdate.Invalid.class, invalid -> assertThat(invalid.field()).isEqualTo(row.expected()));
        }
    }
}
