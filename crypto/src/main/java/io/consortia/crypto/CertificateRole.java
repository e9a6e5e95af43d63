package io.consortia.crypto;

/** Role of a certificate, stored lower-case in the subject's OU. */
public enum CertificateRole { CA, NODE, ADMIN, USER, TLS }
