-- Requests made without signing in (Open311 without an API key, the public request page), waiting for the code
-- texted to their phone. The phone and the request itself are erased as soon as the case opens or the code expires;
-- the row then only says which case the request became.
create table web_request (
    request_id uuid primary key,
    phone      text,
    request    text,
    failures   int not null default 0,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    case_code  text
);
create index web_request_expiry on web_request (expires_at) where phone is not null;
