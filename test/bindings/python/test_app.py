"""
A Python CDK app that uses cdk-nat-route-guard as a Python user would: the wheel built by
jsii-pacmak, aws-cdk-lib from PyPI, every call crossing the jsii kernel.

NRG_BINDINGS_SABOTAGE=rule-off turns NRG-VGW off in the guard and the plugin; the leak checks
must then fail (../run.sh runs the suite that way too and expects a failure).
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest
from importlib.metadata import version

from aws_cdk import App, Aspects, Stack
from aws_cdk import aws_ec2 as ec2
from aws_cdk.assertions import Annotations, Match

from cdk_nat_route_guard import (
    HybridVpc,
    NatEgressVpc,
    NatRouteGuard,
    NatRouteRule,
    NatRouteRuleLevel,
)

ON_PREMISES = "192.168.1.0/24"
SABOTAGED = os.environ.get("NRG_BINDINGS_SABOTAGE") == "rule-off"
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
CDK_RELEASE = tuple(int(p) for p in version("aws-cdk-lib").split(".")[:3])


def rule_levels():
    """The guard's levels: defaults, or NRG-VGW off when the run is sabotaged."""
    return {NatRouteRule.VGW.id: NatRouteRuleLevel.OFF} if SABOTAGED else None


def blog_vpc(stack):
    """The blog's VPC: one public NAT gateway, a virtual private gateway, two AZs."""
    return ec2.Vpc(
        stack,
        "Vpc",
        ip_addresses=ec2.IpAddresses.cidr("10.0.0.0/16"),
        max_azs=2,
        nat_gateways=1,
        vpn_gateway=True,
        subnet_configuration=[
            ec2.SubnetConfiguration(name="Public", subnet_type=ec2.SubnetType.PUBLIC),
            ec2.SubnetConfiguration(name="Private", subnet_type=ec2.SubnetType.PRIVATE_WITH_EGRESS),
        ],
    )


def add_leak(vpc):
    """The leak: the NAT gateway's (public) subnet sends the on-premises range to the VGW."""
    subnet = vpc.public_subnets[0]
    subnet.add_route(
        "OnPremises",
        router_type=ec2.RouterType.GATEWAY,
        router_id=vpc.vpn_gateway_id,
        destination_cidr_block=ON_PREMISES,
    )
    return subnet.node.find_child("OnPremises")


def guard_messages(stack, level):
    """The guard's annotations of one level on the stack, as (path, text)."""
    found = (Annotations.from_stack(stack).find_error if level == "error" else Annotations.from_stack(stack).find_info)(
        "*", Match.string_like_regexp("NRG-")
    )
    return [(m.id, json.dumps(m.entry.data)) for m in found]


class AspectTest(unittest.TestCase):
    def test_leak_is_an_error_on_the_route(self):
        app = App()
        stack = Stack(app, "Blog")
        route = add_leak(blog_vpc(stack))
        Aspects.of(app).add(NatRouteGuard(rule_levels=rule_levels()))
        errors = guard_messages(stack, "error")
        self.assertEqual(len(errors), 1, errors)
        path, text = errors[0]
        self.assertEqual(path, "/" + route.node.path)
        self.assertIn("NRG-VGW", text)
        self.assertIn(ON_PREMISES, text)

    def test_acknowledged_leak_is_info_with_the_reason(self):
        app = App()
        stack = Stack(app, "Blog")
        route = add_leak(blog_vpc(stack))
        NatRouteGuard.acknowledge(route, NatRouteRule.VGW.id, "the partner allow-lists the NAT address")
        Aspects.of(app).add(NatRouteGuard(rule_levels=rule_levels()))
        self.assertEqual(guard_messages(stack, "error"), [])
        infos = guard_messages(stack, "info")
        self.assertEqual(len(infos), 1, infos)
        self.assertIn("the partner allow-lists the NAT address", infos[0][1])

    def test_unknown_rule_is_refused_in_python(self):
        app = App()
        stack = Stack(app, "Blog")
        with self.assertRaisesRegex(Exception, "'NRG-VGX' is not a rule of cdk-nat-route-guard"):
            NatRouteGuard.acknowledge(stack, "NRG-VGX", "typo")

    def test_l3_vpcs_with_ec2_vpc_props_have_no_findings(self):
        app = App()
        stack = Stack(app, "Network")
        egress = NatEgressVpc(stack, "Egress", max_azs=2, nat_gateways=1)
        hybrid = HybridVpc(
            stack,
            "Hybrid",
            ip_addresses=ec2.IpAddresses.cidr("10.1.0.0/16"),
            max_azs=2,
            nat_gateways=2,
            on_premises_cidrs=["192.168.0.0/16", "172.16.10.0/24"],
            vpn_connections={"Dc": ec2.VpnConnectionOptions(ip="203.0.113.10")},
        )
        Aspects.of(app).add(NatRouteGuard(rule_levels=rule_levels()))
        annotations = Annotations.from_stack(stack)
        self.assertEqual(annotations.find_error("*", Match.any_value()), [])
        self.assertEqual(annotations.find_warning("*", Match.string_like_regexp("NRG-")), [])
        self.assertEqual(hybrid.on_premises_cidrs, ["192.168.0.0/16", "172.16.10.0/24"])
        self.assertEqual(len(egress.private_subnets), 2)
        template = app.synth().get_stack_by_name("Network").template
        types = [r["Type"] for r in template["Resources"].values()]
        self.assertEqual(types.count("AWS::EC2::NatGateway"), 3)
        self.assertEqual(types.count("AWS::EC2::VPNConnection"), 1)
        on_prem_routes = [
            r for r in template["Resources"].values()
            if r["Type"] == "AWS::EC2::Route" and r["Properties"].get("DestinationCidrBlock") in hybrid.on_premises_cidrs
        ]
        self.assertEqual(len(on_prem_routes), 2 * 2)  # two ranges, from each of the two private subnets only


PLUGIN_APP = """
import os, sys
sys.path.insert(0, {here!r})
from aws_cdk import App, Stack, Validations
from test_app import add_leak, blog_vpc, rule_levels
from cdk_nat_route_guard import NatRouteGuardPlugin
app = App()
add_leak(blog_vpc(Stack(app, "Blog")))
Validations.of(app).add_plugins(NatRouteGuardPlugin(rule_levels=rule_levels()))
app.synth()
"""


class PluginTest(unittest.TestCase):
    def test_cdk_synth_fails_on_the_leak(self):
        """The real aws-cdk CLI runs the Python app; the plugin's error must fail `cdk synth`, or,
        on a release that cannot fail it from a Python app, the guard must say that it will not."""
        with tempfile.TemporaryDirectory() as work:
            app_file = os.path.join(work, "app.py")
            with open(app_file, "w") as f:
                f.write(PLUGIN_APP.format(here=HERE))
            cdk = os.path.join(REPO, "node_modules", ".bin", "cdk")
            run = subprocess.run(
                [cdk, "synth", "--no-notices", "--quiet", "--app", f"{sys.executable} {app_file}", "--output", os.path.join(work, "cdk.out")],
                cwd=work, capture_output=True, text=True,
            )
            output = run.stdout + run.stderr
            # The first line may shorten long paths (…/); the path line names them in full.
            self.assertRegex(output, r"ERROR \[NRG-VGW\] NAT gateway \S*PublicSubnet1/NATGateway forwards 192\.168\.1\.0/24")
            self.assertIn("-> NAT gateway Blog/Vpc/PublicSubnet1/NATGateway ->", output)
            if CDK_RELEASE >= (2, 262, 0):
                self.assertNotEqual(run.returncode, 0, output)
                self.assertNotIn("will exit 0", output)
            else:
                # CDK sets only the jsii kernel's exit code: the guard must not let that pass unsaid.
                self.assertEqual(run.returncode, 0, output)
                self.assertIn("1 error(s) in the validation report, but `cdk synth` of this Python app will exit 0", output)
            reports = [n for n in os.listdir(os.path.join(work, "cdk.out")) if "validation-report" in n]
            self.assertTrue(reports, os.listdir(os.path.join(work, "cdk.out")))
            with open(os.path.join(work, "cdk.out", reports[0])) as f:
                self.assertIn("NRG-VGW", f.read())

if __name__ == "__main__":
    unittest.main()
