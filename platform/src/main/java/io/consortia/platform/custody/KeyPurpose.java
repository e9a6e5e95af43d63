package io.consortia.platform.custody;

/** What a key in custody is for. */
public enum KeyPurpose {
    CA_ROOT, TLS_ROOT, ADMIN, USER, CLIENT_TLS, NODE, NODE_TLS
}
