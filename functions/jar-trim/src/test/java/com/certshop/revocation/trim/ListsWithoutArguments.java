package com.certshop.revocation.trim;

import software.amazon.awssdk.services.sfn.SfnClient;

/** A caller of Step Functions operations that names no request class: a call without arguments and a paginator. */
final class ListsWithoutArguments {
    private ListsWithoutArguments() {
    }

    static int count(SfnClient sfn) {
        return sfn.listActivities().activities().size()
                + (int) sfn.listStateMachinesPaginator().stateMachines().stream().count();
    }
}
