-- A DUPLICATE found across programmes (đối chiếu chéo): the other programme that is serving or served the same need.
alter table delivery add column duplicate_programme text;

-- Low-stock alerts (cảnh báo sắp hết hàng), raised once each time an allocation brings a programme's stock from above
-- its threshold to or below it. The flag is set with the alert and cleared when stock rises above the threshold again.
alter table programme add column low_stock_alerted boolean not null default false;

create table low_stock_alert (
    id                  uuid primary key,
    programme_code      text not null references programme (code),
    province_code       text not null,
    stock               int not null,                 -- stock left right after the allocation that crossed
    low_stock_threshold int not null,
    waiting             bigint not null,              -- requests already queued for stock at that moment
    raised_at           timestamptz not null
);
create index low_stock_alert_raised on low_stock_alert (raised_at desc);
create index low_stock_alert_programme on low_stock_alert (programme_code, raised_at desc);
