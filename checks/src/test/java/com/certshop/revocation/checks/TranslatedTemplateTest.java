package com.certshop.revocation.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IAM check's reading of a translated template: intrinsics resolved the way one local stack named things. */
class TranslatedTemplateTest {
    private static final String TEMPLATE = """
            {"Parameters": {"Secret": {"Type": "String", "Default": ""}, "Sender": {"Type": "String"}},
             "Conditions": {"HasSecret": {"Fn::Not": [{"Fn::Equals": [{"Ref": "Secret"}, ""]}]}},
             "Resources": {
               "Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Role": {"Fn::GetAtt": ["FnRole", "Arn"]}}},
               "Machine": {"Type": "AWS::StepFunctions::StateMachine", "Properties": {"RoleArn": {"Fn::GetAtt": ["MachineRole", "Arn"]}}},
               "FnRole": {"Type": "AWS::IAM::Role", "Properties": {
                 "ManagedPolicyArns": ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"],
                 "Policies": [
                   {"PolicyName": "P0", "PolicyDocument": {"Statement": [
                     {"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": [{"Fn::GetAtt": ["Table", "Arn"]},
                       {"Fn::Sub": "${Table.Arn}/index/gsi1"}]},
                     {"Effect": "Allow", "Action": "states:DescribeExecution",
                      "Resource": {"Fn::Sub": "arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:execution:${Machine.Name}:*"}},
                     {"Effect": "Allow", "Action": "ses:SendEmail", "Resource": "*",
                      "Condition": {"StringEquals": {"ses:FromAddress": {"Ref": "Sender"}}}},
                     {"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": {"Fn::GetAtt": ["Queue", "Arn"]}}]}},
                   {"Fn::If": ["HasSecret", {"PolicyName": "P1", "PolicyDocument": {"Statement": [
                     {"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": {"Ref": "Secret"}}]}},
                     {"Ref": "AWS::NoValue"}]}]}},
               "MachineRole": {"Type": "AWS::IAM::Role", "Properties": {"Policies": [
                 {"PolicyName": "Invoke", "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": ["lambda:InvokeFunction"],
                   "Resource": {"Fn::Sub": ["arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${name}*",
                     {"name": {"Ref": "Fn"}}]}}]}}]}},
               "FnAliaslive": {"Type": "AWS::Lambda::Alias", "Properties": {"Name": "live", "FunctionName": {"Ref": "Fn"}}},
               "FnSchedule": {"Type": "AWS::Scheduler::Schedule", "Properties": {"Target": {
                 "Arn": {"Ref": "FnAliaslive"}, "RoleArn": {"Fn::GetAtt": ["FnScheduleRole", "Arn"]}}}},
               "FnScheduleRole": {"Type": "AWS::IAM::Role", "Properties": {"Policies": [
                 {"PolicyName": "Invoke", "PolicyDocument": {"Statement": [
                   {"Effect": "Allow", "Action": "lambda:InvokeFunction", "Resource": {"Ref": "FnAliaslive"}}]}}]}}}}
            """;

    private static Map<String, Object> stack(String secret) {
        return Map.of(
                "pseudoParameters", Map.of("AWS::Region", "us-east-1", "AWS::AccountId", "123456789012", "AWS::Partition", "aws",
                        "AWS::StackName", "certshop-local"),
                "parameters", Map.of("Secret", secret, "Sender", "revocations@certshop.local"),
                "resources", Map.of(
                        "Table", Map.of("Ref", "t", "Arn", "arn:aws:dynamodb:us-east-1:123456789012:table/t"),
                        "Fn", Map.of("Ref", "Fn", "Arn", "arn:aws:lambda:us-east-1:123456789012:function:Fn"),
                        "Machine", Map.of("Ref", "arn:aws:states:us-east-1:123456789012:stateMachine:m", "Name", "m")));
    }

    private static TranslatedTemplate read(Path dir) throws Exception {
        Path file = dir.resolve("template.json");
        Files.writeString(file, TEMPLATE);
        return TranslatedTemplate.read(file);
    }

    @Test
    void aFunctionsRoleIsResolvedWithTheStacksNamesAndItsConditionalPolicyWhenTheConditionHolds(@TempDir Path dir) throws Exception {
        TranslatedTemplate.Role role = read(dir).in(stack("arn:aws:secretsmanager:us-east-1:123456789012:secret:k-AbCdEf"))
                .roleOf("Fn").orElseThrow();
        assertEquals("FnRole", role.logicalId());
        assertEquals("arn:aws:iam::123456789012:role/certshop-local-FnRole", role.arn());
        assertEquals(List.of("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"), role.managedPolicyArns());
        assertEquals(List.of("P0", "P1"), role.policies().stream().map(p -> p.get("name")).toList());
        String policies = role.policies().toString();
        assertTrue(policies.contains("Resource=[arn:aws:dynamodb:us-east-1:123456789012:table/t, "
                + "arn:aws:dynamodb:us-east-1:123456789012:table/t/index/gsi1]"), policies);
        assertTrue(policies.contains("arn:aws:states:us-east-1:123456789012:execution:m:*"), policies);
        assertTrue(policies.contains("{ses:FromAddress=revocations@certshop.local}"), policies);
        assertTrue(policies.contains("arn:aws:unresolved:us-east-1:123456789012:Queue.Arn"), policies);
        assertTrue(policies.contains("Resource=arn:aws:secretsmanager:us-east-1:123456789012:secret:k-AbCdEf"), policies);
    }

    @Test
    void aPolicyUnderAFalseConditionIsLeftOut(@TempDir Path dir) throws Exception {
        TranslatedTemplate.Role role = read(dir).in(stack("")).roleOf("Fn").orElseThrow();
        assertEquals(List.of("P0"), role.policies().stream().map(p -> p.get("name")).toList());
    }

    @Test
    void aStateMachinesRoleNamesTheFunctionByItsLocalName(@TempDir Path dir) throws Exception {
        TranslatedTemplate.Role role = read(dir).in(stack("")).roleOf("Machine").orElseThrow();
        assertTrue(role.policies().toString().contains("Resource=arn:aws:lambda:us-east-1:123456789012:function:Fn*"),
                role.policies().toString());
        assertTrue(read(dir).in(stack("")).roleOf("Table").isEmpty());
    }

    @Test
    void aScheduleInvokesItsTargetTheAliasSamPublished(@TempDir Path dir) throws Exception {
        TranslatedTemplate.Stack stack = read(dir).in(stack(""));
        assertEquals("arn:aws:lambda:us-east-1:123456789012:function:Fn:live", stack.scheduleTarget("FnSchedule").orElseThrow());
        assertTrue(stack.scheduleTarget("Fn").isEmpty());
        assertTrue(stack.roleOf("FnSchedule").orElseThrow().policies().toString()
                .contains("Resource=arn:aws:lambda:us-east-1:123456789012:function:Fn:live"));
    }
}
