-- Warehouses (kho): goods sit in a province's warehouse, a district's or a ward's, and a package leaves from the
-- warehouse nearest the household that has one. A province's own warehouse (no district, no ward) is created with its
-- first programme, code 'PROVINCE-<province code>'.
create table warehouse (
    code          text primary key,
    name          text not null,
    province_code text not null,
    district_code text,                              -- null: the province's warehouse
    ward_code     text,                              -- null: a province's or a district's warehouse
    created_at    timestamptz not null default now(),
    check (ward_code is null or district_code is not null)
);
create index warehouse_province on warehouse (province_code);

-- Packages of a programme on hand in one warehouse. Changed only by atomic updates with a 'stock > 0' guard, and the
-- database itself never lets it go negative.
create table warehouse_stock (
    programme_code text not null references programme (code),
    warehouse_code text not null references warehouse (code),
    stock          int  not null check (stock >= 0),
    primary key (programme_code, warehouse_code)
);

-- Stock that existed before warehouses is the province's warehouse's.
insert into warehouse (code, name, province_code)
select distinct 'PROVINCE-' || province_code, 'Provincial warehouse ' || province_code, province_code from programme;
insert into warehouse_stock (programme_code, warehouse_code, stock)
select code, 'PROVINCE-' || province_code, stock from programme;

-- programme.stock stays, as the sum over its warehouses (read by the low-stock rules, plans and gauges). This trigger
-- keeps it so, in the same transaction, whatever statement changes a warehouse's stock.
create function warehouse_stock_to_programme() returns trigger language plpgsql as $$
begin
    if tg_op in ('UPDATE', 'DELETE') then
        update programme set stock = stock - old.stock where code = old.programme_code;
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        update programme set stock = stock + new.stock where code = new.programme_code;
    end if;
    return null;
end $$;
create trigger warehouse_stock_sums after insert or update or delete on warehouse_stock
    for each row execute function warehouse_stock_to_programme();

-- Consignments go to a warehouse; those announced before warehouses go to the province's.
alter table consignment add column warehouse_code text references warehouse (code);
update consignment c set warehouse_code = 'PROVINCE-' || p.province_code
  from programme p where p.code = c.programme_code;
alter table consignment alter column warehouse_code set not null;
alter table consignment drop column ward_code;

-- The warehouse a scheduled package leaves from.
alter table delivery add column warehouse_code text references warehouse (code);

-- Programmes are inserted without stock: it only ever comes from their warehouses.
alter table programme alter column stock set default 0;
