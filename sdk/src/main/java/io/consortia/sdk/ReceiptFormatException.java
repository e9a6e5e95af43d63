package io.consortia.sdk;

/** A receipt file that cannot be read: not JSON, an unknown format version, or a field of the wrong type. */
public class ReceiptFormatException extends GatewayException {
    public ReceiptFormatException(String message) {
        super("receipt file: " + message);
    }
}
