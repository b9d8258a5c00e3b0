/**
 * Event contracts of Hotline 1022: the only thing services share.
 *
 * <p>Every event a service publishes is a record here and a constant in {@link vn.hotline1022.events.EventType}.
 * Services never share database tables or Java classes beyond this module.
 *
 * <h2>Glossary</h2>
 * The one list of Vietnamese domain terms; code uses the English name, people on the phone use the Vietnamese one.
 * <dl>
 *   <dt>case</dt><dd>ca / hồ sơ — one citizen's request, however many calls it takes.</dd>
 *   <dt>rapid-response team</dt><dd>tổ phản ứng nhanh / tổ COVID cộng đồng — the field team sent to a home.</dd>
 *   <dt>ward / commune</dt><dd>phường / xã — smallest administrative unit; the unit of dispatch.</dd>
 *   <dt>district</dt><dd>quận / huyện / thị xã / thành phố thuộc tỉnh.</dd>
 *   <dt>province</dt><dd>tỉnh / thành phố (trực thuộc trung ương).</dd>
 *   <dt>steering committee</dt><dd>Ban chỉ đạo — decides zone colours and escalations at each level.</dd>
 *   <dt>relief</dt><dd>cứu trợ / hỗ trợ — food, rent, cash or oxygen given to a household.</dd>
 *   <dt>Fatherland Front</dt><dd>Mặt trận Tổ quốc — runs most local relief distribution.</dd>
 *   <dt>red zone</dt><dd>vùng đỏ — highest risk colour; see {@link vn.hotline1022.events.common.ZoneColour}.</dd>
 *   <dt>household</dt><dd>hộ gia đình — the unit relief is counted against.</dd>
 *   <dt>hamlet / neighbourhood</dt><dd>ấp / khu phố — below a ward; appears only in free-text addresses.</dd>
 *   <dt>referral</dt><dd>chuyển viện / chuyển tuyến — sending a patient to a hospital bed.</dd>
 * </dl>
 */
package vn.hotline1022.events;
