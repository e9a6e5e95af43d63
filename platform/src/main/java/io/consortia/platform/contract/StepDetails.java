package io.consortia.platform.contract;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.consortia.platform.deploy.DeploymentTexts;
import io.consortia.protocol.v1.LifecycleRecord;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a lifecycle step's transaction returned, as the step's detail for people. A protobuf message's
 * {@code toString} is its debug text, with bytes such as a code hash as octal escapes
 * ({@code code_hash: "\321\004..."}): it was shown as it was. Hashes are hex here, as everywhere
 * else the platform shows them.
 */
final class StepDetails {
    private StepDetails() {}

    static String of(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof LifecycleRecord committed) {
            return committed(committed);
        }
        if (value instanceof Message message) {
            return fields(message);
        }
        return String.valueOf(value);
    }

    /** "records 1.0.0 sequence 1 ACTIVE, code hash 3f…, policy MAJORITY, digest 9a…, approved by org1, org2; block 7, transaction …". */
    private static String committed(LifecycleRecord r) {
        LifecycleViews.Definition d = LifecycleViews.definition(r.getDefinition());
        String approvals = r.getApprovalsList().stream().map(a -> a.getOrganization()).collect(Collectors.joining(", "));
        return DeploymentTexts.CONTRACT_COMMITTED.of(d.name(), d.version(), d.sequence(), d.status(), d.codeHash(),
                d.policy(), r.getDigest(), approvals.isEmpty() ? "no organisation" : approvals,
                r.getBlockNumber(), r.getCommitTransactionId());
    }

    /** Any other message, field by field: "name: value, ...", bytes in hex, nested messages in braces. */
    private static String fields(Message message) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
            if (!text.isEmpty()) {
                text.append(", ");
            }
            text.append(field.getKey().getName()).append(": ");
            Object value = field.getValue();
            if (value instanceof List<?> values) {
                text.append(values.stream().map(StepDetails::value).collect(Collectors.joining(", ", "[", "]")));
            } else {
                text.append(value(value));
            }
        }
        return text.toString();
    }

    private static String value(Object value) {
        if (value instanceof ByteString bytes) {
            return HexFormat.of().formatHex(bytes.toByteArray());
        }
        if (value instanceof EnumValueDescriptor e) {
            return e.getName();
        }
        if (value instanceof Message nested) {
            return "{" + fields(nested) + "}";
        }
        return String.valueOf(value);
    }
}
