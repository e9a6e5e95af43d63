package io.consortia.platform.alert;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Properties;

/** Sends one plain-text e-mail through the configured SMTP server. */
final class MailSender {
    private static final int TIMEOUT_MILLIS = 15_000;
    private final AlertProperties.Mail mail;

    MailSender(AlertProperties.Mail mail) {
        this.mail = mail;
    }

    /** Sends and returns the outcome for the delivery history; throws when the server refuses. */
    String send(List<String> recipients, String subject, String text, String deliveryId) throws MessagingException {
        Properties props = new Properties();
        props.put("mail.smtp.host", mail.host());
        props.put("mail.smtp.port", String.valueOf(mail.port()));
        props.put("mail.smtp.connectiontimeout", String.valueOf(TIMEOUT_MILLIS));
        props.put("mail.smtp.timeout", String.valueOf(TIMEOUT_MILLIS));
        props.put("mail.smtp.writetimeout", String.valueOf(TIMEOUT_MILLIS));
        boolean auth = !mail.user().isBlank();
        props.put("mail.smtp.auth", String.valueOf(auth));
        switch (mail.tls()) {
            case STARTTLS -> {
                props.put("mail.smtp.starttls.enable", "true");
                props.put("mail.smtp.starttls.required", "true");
                props.put("mail.smtp.ssl.checkserveridentity", "true");
            }
            case IMPLICIT -> {
                props.put("mail.smtp.ssl.enable", "true");
                props.put("mail.smtp.ssl.checkserveridentity", "true");
            }
            case NONE -> { }
        }
        Session session = Session.getInstance(props);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(mail.from()));
        for (String recipient : recipients) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
        }
        message.setSubject(subject, StandardCharsets.UTF_8.name());
        message.setText(text, StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        message.setHeader("X-Consortia-Delivery", deliveryId);
        if (auth) {
            Transport.send(message, mail.user(), mail.password());
        } else {
            Transport.send(message);
        }
        return "accepted by " + mail.host() + ":" + mail.port() + " for " + String.join(", ", recipients);
    }
}
