-- A team's shift (ca trực) in Vietnam local time; both null = on duty around the clock. A shift may cross midnight
-- (22:00-06:00). Outside its shift an AVAILABLE team is not offered or sent.
alter table team add column shift_start time;
alter table team add column shift_end time;
alter table team add constraint team_shift_both_or_neither check ((shift_start is null) = (shift_end is null));
