package de.timkim.connector.soft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.timkim.connector.CardInfo;
import de.timkim.connector.CardType;
import de.timkim.connector.TestCardRequest;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestPkiOcspResponderTest {

  @TempDir Path directory;

  @Test
  void cardIsGoodSignedByItsCaUntilTheTestToolsRevokeIt() throws Exception {
    System.setProperty(
        SoftwareCardStore.OCSP_URL_PROPERTY, "http://127.0.0.1:8080/ti-konnektor/ocsp");
    SoftwareCardStore store = SoftwareCardStore.open(directory, "TIM-KIM");
    CardInfo info =
        store.issue(
            new TestCardRequest(
                CardType.SMC_B,
                "Praxis OCSP",
                "5-SMB-ocsp-1",
                "1.2.276.0.76.4.50",
                null,
                TestCardRequest.CertificateState.VALID));
    var chain = store.card(info.cardHandle()).keys().values().iterator().next().chain();
    X509Certificate card = chain.get(0);
    X509Certificate ca = chain.get(1);
    assertTrue(card.getExtensionValue(Extension.authorityInfoAccess.getId()) != null);

    BasicOCSPResp before = ask(store, card, ca, new byte[] {1, 2, 3, 4});
    assertTrue(
        before.isSignatureValid(
            new JcaContentVerifierProviderBuilder()
                .setProvider(BouncyCastle.provider())
                .build(ca.getPublicKey())));
    assertNull(before.getResponses()[0].getCertStatus(), "null is GOOD in Bouncy Castle");
    assertArrayEquals(
        new DEROctetString(new byte[] {1, 2, 3, 4}).getEncoded(),
        before.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce).getExtnValue().getOctets());

    store.revoke(info.cardHandle());
    CertificateStatus after =
        ask(store, card, ca, new byte[] {5}).getResponses()[0].getCertStatus();
    assertInstanceOf(RevokedStatus.class, after);
    System.clearProperty(SoftwareCardStore.OCSP_URL_PROPERTY);
  }

  private static BasicOCSPResp ask(
      SoftwareCardStore store, X509Certificate card, X509Certificate ca, byte[] nonce)
      throws Exception {
    var id =
        new CertificateID(
            new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
            new JcaX509CertificateHolder(ca),
            card.getSerialNumber());
    var request =
        new OCSPReqBuilder()
            .addRequest(id)
            .setRequestExtensions(
                new Extensions(
                    new Extension(
                        OCSPObjectIdentifiers.id_pkix_ocsp_nonce,
                        false,
                        new DEROctetString(nonce).getEncoded())))
            .build();
    OCSPResp response = new OCSPResp(store.ocspResponse(request.getEncoded()));
    assertEquals(OCSPResp.SUCCESSFUL, response.getStatus());
    BasicOCSPResp basic = (BasicOCSPResp) response.getResponseObject();
    assertEquals(id, basic.getResponses()[0].getCertID());
    return basic;
  }
}
