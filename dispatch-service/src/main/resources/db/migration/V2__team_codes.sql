-- A short code per team (e.g. TDM-01), printed on the vehicle and carried in team members' tokens (team_code), so a
-- member's phone can only report on its own team's assignments.
alter table team add column code text;
update team set code = 'TEAM-' || substr(id::text, 1, 8) where code is null;
alter table team alter column code set not null;
create unique index team_code on team (code);
