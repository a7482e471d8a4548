// A Go CDK app that uses cdk-nat-route-guard as a Go user would: the module jsii-pacmak built,
// aws-cdk-go from the Go module proxy, every call crossing the jsii kernel.
//
// NRG_BINDINGS_SABOTAGE=rule-off turns NRG-VGW off in the guard; the leak check must then fail
// (../run.sh runs the tests that way too and expects the failure).
package app

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/jsii-runtime-go"
	nrg "github.com/cdk-nat-route-guard/cdk-nat-route-guard-go/cdknatrouteguard"
)

const onPremises = "192.168.1.0/24"

func guard() nrg.NatRouteGuard {
	if os.Getenv("NRG_BINDINGS_SABOTAGE") == "rule-off" {
		return nrg.NewNatRouteGuard(&nrg.NatRouteGuardProps{
			RuleLevels: &map[string]nrg.NatRouteRuleLevel{*nrg.NatRouteRule_VGW().Id(): nrg.NatRouteRuleLevel_OFF},
		})
	}
	return nrg.NewNatRouteGuard(nil)
}


func TestLeakIsAnErrorOnTheRoute(t *testing.T) {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Blog"), nil)
	vpc := awsec2.NewVpc(stack, jsii.String("Vpc"), &awsec2.VpcProps{
		IpAddresses: awsec2.IpAddresses_Cidr(jsii.String("10.0.0.0/16")),
		MaxAzs:      jsii.Number(2),
		NatGateways: jsii.Number(1),
		VpnGateway:  jsii.Bool(true),
		SubnetConfiguration: &[]*awsec2.SubnetConfiguration{
			{Name: jsii.String("Public"), SubnetType: awsec2.SubnetType_PUBLIC},
			{Name: jsii.String("Private"), SubnetType: awsec2.SubnetType_PRIVATE_WITH_EGRESS},
		},
	})
	// The leak: the NAT gateway's (public) subnet sends the on-premises range to the VGW.
	public := (*vpc.PublicSubnets())[0].(awsec2.Subnet)
	public.AddRoute(jsii.String("OnPremises"), &awsec2.AddRouteOptions{
		RouterType:           awsec2.RouterType_GATEWAY,
		RouterId:             vpc.VpnGatewayId(),
		DestinationCidrBlock: jsii.String(onPremises),
	})
	route := public.Node().FindChild(jsii.String("OnPremises"))
	awscdk.Aspects_Of(app).Add(guard(), nil)

	errors := *assertions.Annotations_FromStack(stack).FindError(jsii.String("*"), assertions.Match_StringLikeRegexp(jsii.String("NRG-")))
	if len(errors) != 1 {
		t.Fatalf("want 1 guard error, got %d", len(errors))
	}
	if got, want := *errors[0].Id, "/"+*route.Node().Path(); got != want {
		t.Errorf("error on %s, want it on the route %s", got, want)
	}
	text, _ := json.Marshal(errors[0].Entry.Data)
	for _, want := range []string{"NRG-VGW", onPremises, "virtual private gateway"} {
		if !strings.Contains(string(text), want) {
			t.Errorf("message %s does not say %q", text, want)
		}
	}
}

func TestL3VpcsWithEc2VpcPropsHaveNoFindings(t *testing.T) {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Network"), nil)
	nrg.NewNatEgressVpc(stack, jsii.String("Egress"), &nrg.NatEgressVpcProps{MaxAzs: jsii.Number(2), NatGateways: jsii.Number(1)})
	hybrid := nrg.NewHybridVpc(stack, jsii.String("Hybrid"), &nrg.HybridVpcProps{
		IpAddresses:     awsec2.IpAddresses_Cidr(jsii.String("10.1.0.0/16")),
		MaxAzs:          jsii.Number(2),
		NatGateways:     jsii.Number(2),
		OnPremisesCidrs: jsii.Strings("192.168.0.0/16", "172.16.10.0/24"),
		VpnConnections:  &map[string]*awsec2.VpnConnectionOptions{"Dc": {Ip: jsii.String("203.0.113.10")}},
	})
	awscdk.Aspects_Of(app).Add(guard(), nil)

	annotations := assertions.Annotations_FromStack(stack)
	if n := len(*annotations.FindError(jsii.String("*"), assertions.Match_AnyValue())); n != 0 {
		t.Errorf("want no error, got %d", n)
	}
	if n := len(*annotations.FindWarning(jsii.String("*"), assertions.Match_StringLikeRegexp(jsii.String("NRG-")))); n != 0 {
		t.Errorf("want no guard warning, got %d", n)
	}
	var cidrs []string
	for _, c := range *hybrid.OnPremisesCidrs() {
		cidrs = append(cidrs, *c)
	}
	if got := strings.Join(cidrs, ","); got != "192.168.0.0/16,172.16.10.0/24" {
		t.Errorf("onPremisesCidrs %s", got)
	}
	template := assertions.Template_FromStack(stack, nil)
	template.ResourceCountIs(jsii.String("AWS::EC2::NatGateway"), jsii.Number(3))
	template.ResourceCountIs(jsii.String("AWS::EC2::VPNConnection"), jsii.Number(1))
}
