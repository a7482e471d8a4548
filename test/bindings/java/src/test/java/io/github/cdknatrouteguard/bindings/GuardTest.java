package io.github.cdknatrouteguard.bindings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cdknatrouteguard.HybridVpc;
import io.github.cdknatrouteguard.NatEgressVpc;
import io.github.cdknatrouteguard.NatRouteGuard;
import io.github.cdknatrouteguard.NatRouteRule;
import io.github.cdknatrouteguard.NatRouteRuleLevel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.SynthesisMessage;
import software.amazon.awscdk.services.ec2.AddRouteOptions;
import software.amazon.awscdk.services.ec2.IpAddresses;
import software.amazon.awscdk.services.ec2.RouterType;
import software.amazon.awscdk.services.ec2.Subnet;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ec2.VpnConnectionOptions;
import software.constructs.IConstruct;

/**
 * The guard from Java. NRG_BINDINGS_SABOTAGE=rule-off turns NRG-VGW off; the leak check must then
 * fail (../run.sh runs the tests that way too and expects the failure).
 */
class GuardTest {
    private static final String ON_PREMISES = "192.168.1.0/24";

    private static NatRouteGuard guard() {
        if ("rule-off".equals(System.getenv("NRG_BINDINGS_SABOTAGE"))) {
            return NatRouteGuard.Builder.create()
                .ruleLevels(Map.of(NatRouteRule.VGW.getId(), NatRouteRuleLevel.OFF))
                .build();
        }
        return new NatRouteGuard();
    }

    @Test
    void leakIsAnErrorOnTheRoute() {
        App app = new App();
        Stack stack = new Stack(app, "Blog");
        Vpc vpc = Vpc.Builder.create(stack, "Vpc")
            .ipAddresses(IpAddresses.cidr("10.0.0.0/16"))
            .maxAzs(2)
            .natGateways(1)
            .vpnGateway(true)
            .subnetConfiguration(List.of(
                SubnetConfiguration.builder().name("Public").subnetType(SubnetType.PUBLIC).build(),
                SubnetConfiguration.builder().name("Private").subnetType(SubnetType.PRIVATE_WITH_EGRESS).build()))
            .build();
        // The leak: the NAT gateway's (public) subnet sends the on-premises range to the VGW.
        Subnet publicSubnet = (Subnet) vpc.getPublicSubnets().get(0);
        publicSubnet.addRoute("OnPremises", AddRouteOptions.builder()
            .routerType(RouterType.GATEWAY)
            .routerId(vpc.getVpnGatewayId())
            .destinationCidrBlock(ON_PREMISES)
            .build());
        IConstruct route = publicSubnet.getNode().findChild("OnPremises");
        Aspects.of(app).add(guard());

        List<SynthesisMessage> errors = Annotations.fromStack(stack).findError("*", Match.stringLikeRegexp("NRG-"));
        assertEquals(1, errors.size(), "guard errors");
        assertEquals("/" + route.getNode().getPath(), errors.get(0).getId());
        String text = String.valueOf(errors.get(0).getEntry().getData());
        assertTrue(text.contains("NRG-VGW") && text.contains(ON_PREMISES) && text.contains("virtual private gateway"), text);
    }

    @Test
    void l3VpcsWithEc2VpcPropsHaveNoFindings() {
        App app = new App();
        Stack stack = new Stack(app, "Network");
        NatEgressVpc.Builder.create(stack, "Egress").maxAzs(2).natGateways(1).build();
        HybridVpc hybrid = HybridVpc.Builder.create(stack, "Hybrid")
            .ipAddresses(IpAddresses.cidr("10.1.0.0/16"))
            .maxAzs(2)
            .natGateways(2)
            .onPremisesCidrs(List.of("192.168.0.0/16", "172.16.10.0/24"))
            .vpnConnections(Map.of("Dc", VpnConnectionOptions.builder().ip("203.0.113.10").build()))
            .build();
        Aspects.of(app).add(guard());

        Annotations annotations = Annotations.fromStack(stack);
        assertEquals(List.of(), annotations.findError("*", Match.anyValue()));
        assertEquals(List.of(), annotations.findWarning("*", Match.stringLikeRegexp("NRG-")));
        assertEquals(List.of("192.168.0.0/16", "172.16.10.0/24"), hybrid.getOnPremisesCidrs());
        Template template = Template.fromStack(stack);
        template.resourceCountIs("AWS::EC2::NatGateway", 3);
        template.resourceCountIs("AWS::EC2::VPNConnection", 1);
    }
}
