package vn.hotline1022.relief.programmes;

/**
 * Packages were added to a programme's stock at a warehouse (hàng về), inside the current transaction and with the
 * programme row locked. A CDI event, observed synchronously: deliveries schedule the requests waiting for it, so that
 * programmes and donors need not know about deliveries.
 */
public record StockArrived(String programmeCode, String warehouseCode, int quantity) {
}
