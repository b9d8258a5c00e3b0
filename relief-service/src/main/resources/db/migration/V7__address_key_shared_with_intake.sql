-- Address hashes are now taken over the household key of vn-text's HouseholdAddress, the rule intake links calls by,
-- instead of relief's own normal form (which spelled abbreviations out the other way and matched vague addresses such
-- as "khu phố 2"). A hash of the old form never equals one of the new, and the address text itself was never kept, so
-- old hashes are cleared: the household's next call with an address sets it again (Households.lockFor), and officers
-- re-enter a corrected one. Until then such a household is matched by phone and citizen ID only.
update household set address_hash = null where address_hash is not null;
