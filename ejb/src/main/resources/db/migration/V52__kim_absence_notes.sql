-- KIM absence notes (RFC 3834 auto-replies): one note per account; each time a note is set it
-- starts a new period, and each envelope sender is answered at most once per period.

CREATE TABLE kim_absence_note (
    address     VARCHAR(254)   PRIMARY KEY REFERENCES kim_account (address),
    period_id   VARCHAR(64)    NOT NULL,
    note_text   VARCHAR(4000)  NOT NULL,
    starts_at   BIGINT         NOT NULL,
    ends_at     BIGINT         NOT NULL,
    updated_at  BIGINT         NOT NULL
);

CREATE TABLE kim_absence_reply (
    period_id   VARCHAR(64)    NOT NULL,
    sender      VARCHAR(254)   NOT NULL,
    replied_at  BIGINT         NOT NULL,
    PRIMARY KEY (period_id, sender)
);
