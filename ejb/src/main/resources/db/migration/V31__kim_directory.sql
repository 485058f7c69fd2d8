-- The KIM part of the directory (VZD): which encryption certificates (C.HCI.ENC / C.HP.ENC) belong
-- to a KIM address. Senders' client modules encrypt for every certificate listed for a recipient.
CREATE TABLE kim_directory_certificate (
    address      VARCHAR(254)    NOT NULL,
    sha256       VARCHAR(64)     NOT NULL,
    telematik_id VARCHAR(128),
    certificate  VARCHAR(20000)  NOT NULL,
    CONSTRAINT pk_kim_directory_certificate PRIMARY KEY (address, sha256)
);
