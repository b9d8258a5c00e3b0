-- A dispatcher's choice of team: whether it was the first of the ranked recommendations when it was made (null for an
-- automatic dispatch) and, when it was not, the dispatcher's reason for choosing another team (at most 500 characters).
alter table assignment add column top_recommendation boolean;
alter table assignment add column override_reason text check (char_length(override_reason) <= 500);
