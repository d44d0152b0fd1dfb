package com.certshop.revocation.local.iam;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What IAM authorizes an AWS API request against: its action and resource ARNs, read from the
 * request the way the service reads it. JSON protocols name the operation in {@code X-Amz-Target}
 * (DynamoDB, Step Functions, Secrets Manager); SES v2 and Lambda are REST, named by method and path.
 * The region is the request's SigV4 credential scope, the account the emulator's.
 */
final class IamActions {
    private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/\\d{8}/([^/]+)/([^/]+)/aws4_request");
    private static final Pattern INVOKE = Pattern.compile("^/2015-03-31/functions/([^/]+)/invocations$");
    /** Step Functions' task-token actions have no resource type: IAM authorizes them against "*". */
    private static final Set<String> TASK_TOKEN_ACTIONS = Set.of("SendTaskSuccess", "SendTaskFailure", "SendTaskHeartbeat");
    /** DynamoDB authorizes each item of a transaction as the single-item action on its table; there is no IAM action for the transaction. */
    private static final Map<String, String> TRANSACTION_ITEMS = Map.of(
            "Put", "PutItem", "Update", "UpdateItem", "Delete", "DeleteItem", "ConditionCheck", "ConditionCheckItem", "Get", "GetItem");

    private final String defaultRegion;
    private final String account;

    IamActions(String defaultRegion, String account) {
        this.defaultRegion = defaultRegion;
        this.account = account;
    }

    /** The authorizations a request forwarded to the emulator needs; one {@code unknown:} entry when it is not a known one. */
    List<AwsCall> of(String principal, String method, String rawPath, Map<String, List<String>> headers, byte[] body) {
        String region = region(headers);
        String target = header(headers, "X-Amz-Target");
        try {
            if (target != null) {
                int dot = target.indexOf('.');
                String prefix = target.substring(0, Math.max(dot, 0));
                String operation = target.substring(dot + 1);
                Map<String, Object> request = body.length == 0 ? Map.of() : JSON.std.mapFrom(body);
                if (prefix.startsWith("DynamoDB_")) {
                    return dynamoDb(principal, operation, request, region);
                }
                if (prefix.equals("AWSStepFunctions")) {
                    return List.of(stepFunctions(principal, operation, request));
                }
                if (prefix.equals("secretsmanager")) {
                    return List.of(secretsManager(principal, operation, request, region));
                }
            } else if ("POST".equals(method) && "/v2/email/outbound-emails".equals(rawPath)) {
                return sesSendEmail(principal, JSON.std.mapFrom(body), region);
            }
        } catch (IOException | RuntimeException e) {
            return List.of(unknown(principal, method, rawPath, target, "unreadable body: " + e));
        }
        return List.of(unknown(principal, method, rawPath, target, "no IAM action known for it"));
    }

    /** A Lambda Invoke the local endpoint serves itself: lambda:InvokeFunction on the function (by name or ARN). */
    AwsCall invoke(String principal, String rawPath, String rawQuery, Map<String, List<String>> headers) {
        Matcher m = INVOKE.matcher(rawPath);
        if (!m.matches()) {
            throw new IllegalArgumentException("not an Invoke path: " + rawPath);
        }
        String function = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
        String arn = function.startsWith("arn:") ? function : functionArn(region(headers), function);
        String qualifier = query(rawQuery).get("Qualifier");
        return new AwsCall(principal, "lambda:InvokeFunction", qualifier == null ? arn : arn + ":" + qualifier, "Invoke", Map.of());
    }

    String functionArn(String region, String functionName) {
        return "arn:aws:lambda:" + region + ":" + account + ":function:" + functionName;
    }

    private List<AwsCall> dynamoDb(String principal, String operation, Map<String, Object> request, String region) {
        List<AwsCall> calls = new ArrayList<>();
        switch (operation) {
            case "TransactWriteItems", "TransactGetItems" -> {
                for (Object item : list(request.get("TransactItems"))) {
                    map(item).forEach((kind, detail) -> calls.add(new AwsCall(principal,
                            "dynamodb:" + TRANSACTION_ITEMS.getOrDefault(kind, kind),
                            tableArn(region, String.valueOf(map(detail).get("TableName"))), operation, Map.of())));
                }
            }
            case "BatchWriteItem", "BatchGetItem" -> map(request.get("RequestItems")).keySet().forEach(table ->
                    calls.add(new AwsCall(principal, "dynamodb:" + operation, tableArn(region, table), operation, Map.of())));
            default -> {
                Object table = request.get("TableName");
                String resource = table == null ? "*" : tableArn(region, table.toString());
                if (table != null && request.get("IndexName") != null) {
                    resource += "/index/" + request.get("IndexName");
                }
                calls.add(new AwsCall(principal, "dynamodb:" + operation, resource, operation, Map.of()));
            }
        }
        return calls;
    }

    private String tableArn(String region, String table) {
        return table.startsWith("arn:") ? table : "arn:aws:dynamodb:" + region + ":" + account + ":table/" + table;
    }

    private static AwsCall stepFunctions(String principal, String operation, Map<String, Object> request) {
        String resource = "*";
        if (!TASK_TOKEN_ACTIONS.contains(operation)) {
            for (String field : List.of("executionArn", "stateMachineArn", "activityArn", "mapRunArn", "resourceArn")) {
                if (request.get(field) != null) {
                    resource = request.get(field).toString();
                    break;
                }
            }
        }
        return new AwsCall(principal, "states:" + operation, resource, operation, Map.of());
    }

    private AwsCall secretsManager(String principal, String operation, Map<String, Object> request, String region) {
        Object id = request.getOrDefault("SecretId", request.get("Name"));
        String resource = id == null ? "*" : id.toString().startsWith("arn:") ? id.toString()
                // By name: IAM sees the full ARN, whose random suffix the request does not tell.
                : "arn:aws:secretsmanager:" + region + ":" + account + ":secret:" + id + "-??????";
        return new AwsCall(principal, "secretsmanager:" + operation, resource, operation, Map.of());
    }

    /**
     * SES v2 SendEmail: authorized against the identity that covers the sender, which is the From
     * address's domain, and also the From address's own identity when that is verified separately;
     * both are recorded. The From address is also the {@code ses:FromAddress} condition key.
     */
    private List<AwsCall> sesSendEmail(String principal, Map<String, Object> request, String region) {
        String from = String.valueOf(request.get("FromEmailAddress"));
        Map<String, String> context = new LinkedHashMap<>();
        context.put("ses:ApiVersion", "2");
        Matcher named = Pattern.compile("^\\s*\"?([^\"<]*?)\"?\\s*<([^>]+)>\\s*$").matcher(from);
        String address = from.trim();
        if (named.matches()) {
            address = named.group(2).trim();
            if (!named.group(1).isBlank()) {
                context.put("ses:FromDisplayName", named.group(1).trim());
            }
        }
        context.put("ses:FromAddress", address);
        String identities = "arn:aws:ses:" + region + ":" + account + ":identity/";
        List<AwsCall> calls = new ArrayList<>();
        calls.add(new AwsCall(principal, "ses:SendEmail", identities + address.substring(address.indexOf('@') + 1), "SendEmail", context));
        calls.add(new AwsCall(principal, "ses:SendEmail", identities + address, "SendEmail", context));
        return calls;
    }

    private static AwsCall unknown(String principal, String method, String rawPath, String target, String why) {
        return new AwsCall(principal, "unknown:" + (target != null ? target : method + " " + rawPath), "*",
                target != null ? target : method + " " + rawPath, Map.of("why", why));
    }

    private String region(Map<String, List<String>> headers) {
        String authorization = header(headers, "Authorization");
        Matcher m = authorization == null ? null : SCOPE.matcher(authorization);
        return m != null && m.find() ? m.group(1) : defaultRegion;
    }

    /** The request's first value of a header, whatever its spelling. */
    static String header(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }
}
