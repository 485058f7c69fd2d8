-- Registration sessions now carry their server name in the purpose ("register:<server name>").
ALTER TABLE uia_session ALTER COLUMN purpose SET DATA TYPE VARCHAR(300);
