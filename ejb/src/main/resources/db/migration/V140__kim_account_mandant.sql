-- The Konnektor Mandant whose card the operator bound a KIM account to (account created with
-- card_handle): the client module serves a login for the account only in that Mandant
-- (docs/security/kim.md, finding 1). Null: no implicit binding, only kim.clientmodule.bindings.
ALTER TABLE kim_account ADD COLUMN mandant_id VARCHAR(128);
