-- Security review, finding 17: the signing seed and the TOTP secrets are stored encrypted
-- (AES-256-GCM, "v1:" + base64 of nonce, ciphertext and tag), longer than the clear values.
ALTER TABLE server_signing_key ALTER COLUMN seed SET DATA TYPE VARCHAR(255);
ALTER TABLE admin_account ALTER COLUMN totp_secret SET DATA TYPE VARCHAR(255);
