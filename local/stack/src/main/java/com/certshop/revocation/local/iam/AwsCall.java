package com.certshop.revocation.local.iam;

import java.util.Map;
import java.util.TreeMap;

/**
 * One authorization a call needs, as IAM decides it: who (a template resource's logical id: the
 * function, state machine or schedule whose role signs the call), the IAM action, the resource ARN
 * it is authorized against, and the condition keys the request carries that a policy may test.
 * One API call can need several (a transaction writes to each of its tables; SES authorizes a send
 * against the sender's domain and its address).
 *
 * @param principal the caller's logical id, empty when the request named none
 * @param action    e.g. {@code dynamodb:PutItem}; {@code unknown:...} when the request is not one the recorder knows
 * @param resource  the ARN, or {@code *} for actions without resource types
 * @param operation the API operation that needed it, e.g. {@code TransactWriteItems}
 * @param context   condition keys and their values, e.g. {@code ses:FromAddress}
 */
public record AwsCall(String principal, String action, String resource, String operation, Map<String, String> context) {
    public AwsCall {
        context = new TreeMap<>(context);
    }

    /** How the record reads in the calls file. */
    Map<String, Object> toJson(long count) {
        Map<String, Object> json = new java.util.LinkedHashMap<>();
        json.put("principal", principal);
        json.put("action", action);
        json.put("resource", resource);
        json.put("operation", operation);
        json.put("context", context);
        json.put("count", count);
        return json;
    }
}
