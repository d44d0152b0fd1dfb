package com.certshop.revocation.aws.stepfunctions;

/** Where an execution is found by its name, without listing: its ARN is derived from its machine's. */
final class ExecutionArns {
    private ExecutionArns() {
    }

    /** The machine's ARN with "execution" for "stateMachine", then the execution's name. */
    static String of(String stateMachineArn, String executionName) {
        return stateMachineArn.replace(":stateMachine:", ":execution:") + ":" + executionName;
    }
}
