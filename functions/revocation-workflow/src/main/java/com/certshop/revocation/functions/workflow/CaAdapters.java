package com.certshop.revocation.functions.workflow;

import com.certshop.revocation.aws.ca.CertificateAuthorities;
import com.certshop.revocation.aws.config.AwsClients;
import com.certshop.revocation.aws.config.Environment;
import com.certshop.revocation.aws.config.SettingsFromEnvironment;
import com.certshop.revocation.aws.dynamodb.DynamoDbAdapters;
import com.certshop.revocation.aws.ses.SesAdapters;
import com.certshop.revocation.aws.stepfunctions.StepFunctionsAdapters;
import com.certshop.revocation.domain.ca.CaPolling;
import com.certshop.revocation.domain.port.CertificateAuthority;
import com.certshop.revocation.domain.port.CertificateStore;
import com.certshop.revocation.domain.port.Mailer;
import com.certshop.revocation.domain.port.WorkflowSignals;
import java.time.Clock;

/**
 * What a check of the CA's status talks through, built the same way for the scheduled CA check and
 * the CA's callback: the store, the applicant's mail, the waiting runs' task tokens, the CA.
 */
record CaAdapters(CertificateStore store, Mailer mailer, WorkflowSignals signals, CertificateAuthority ca,
        CaPolling polling, Clock clock) {

    static CaAdapters of(Environment env, AwsClients clients) {
        var settings = SettingsFromEnvironment.read(env);
        var dynamo = new DynamoDbAdapters(env, clients);
        Clock clock = Clock.systemUTC();
        return new CaAdapters(dynamo.certificateStore(), SesAdapters.mailer(env, clients, settings.calendar().zone()),
                StepFunctionsAdapters.signalling(StepFunctionsAdapters.client(clients)),
                CertificateAuthorities.fromEnvironment(env, clients, dynamo, clock), settings.caPolling(), clock);
    }
}
