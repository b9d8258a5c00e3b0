package vn.hotline1022.events.common;

/**
 * What the field team measured, so the hospital can choose a bed before the patient arrives.
 *
 * @param spo2            oxygen saturation in %, null if not measured
 * @param respiratoryRate breaths per minute, null if not measured
 */
public record ClinicalNotes(Integer spo2, Integer respiratoryRate, String symptoms, Severity severity) {
}
