-- A case's number of the day is its province's sequence value (case_number_<province code>, created at start for every
-- province of the reference data) less the day's base. nextval never waits for another call's transaction, so the
-- calls of one province no longer queue on one counter row held until each case commits (./hotline bench measured
-- 2.4 s of waiting per call at 20 calls/s). A number is skipped when a call's transaction rolls back; codes stay
-- unique. case_counter is kept: the base of a day that began under it continues after its last number.
create table case_day_base (
    province_code text   not null,
    local_day     date   not null,
    base          bigint not null,
    primary key (province_code, local_day)
);
