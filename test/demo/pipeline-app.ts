/**
 * A CDK Pipelines-shaped app: the network stack lives in a Stage (in a Stage), as every stack a
 * pipeline deploys does. `broken` puts the blog's leak there; `fixed` routes the range from the
 * private subnets. The guard is added through the door named on the command line. With
 * `codepipeline`, the Stage is deployed by a real CDK Pipelines `CodePipeline` (one Stage, no
 * Stage in it), as `cdk init` users write it.
 *
 *   ts-node test/demo/pipeline-app.ts broken|fixed aspect|plugin [codepipeline]
 */
import { App, Aspects, Stack, Stage, Validations } from 'aws-cdk-lib';
import * as pipelines from 'aws-cdk-lib/pipelines';
import { blogVpc } from './blog-app';
import { NatRouteGuard, NatRouteGuardPlugin } from '../../src';
import { leak, privateRoutes } from '../support/apps';

export function buildPipelineApp(variant: 'broken' | 'fixed', door: 'aspect' | 'plugin', outdir?: string): App {
  const app = new App({ outdir });
  new Stack(app, 'Pipeline'); // where CDK Pipelines puts the pipeline itself
  const prod = new Stage(app, 'Prod');
  const region = new Stage(prod, 'EuWest1');
  const vpc = blogVpc(new Stack(region, 'Network'));
  if (variant === 'broken') leak(vpc);
  else privateRoutes(vpc);
  if (door === 'aspect') Aspects.of(app).add(new NatRouteGuard());
  else Validations.of(app).addPlugins(new NatRouteGuardPlugin());
  return app;
}

const ACCOUNT = '111111111111';

/** The same leak in a Stage that a CDK Pipelines `CodePipeline` deploys. */
export function buildCodePipelineApp(variant: 'broken' | 'fixed', door: 'aspect' | 'plugin', outdir?: string): App {
  // The account's zones, as `cdk.context.json` would hold them (no lookup at synth).
  const app = new App({ outdir, context: { [`availability-zones:account=${ACCOUNT}:region=eu-west-1`]: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'] } });
  const pipelineStack = new Stack(app, 'Pipeline', { env: { account: ACCOUNT, region: 'eu-west-1' } });
  const pipeline = new pipelines.CodePipeline(pipelineStack, 'Pipeline', {
    synth: new pipelines.ShellStep('Synth', {
      input: pipelines.CodePipelineSource.connection('example/network', 'main', { connectionArn: `arn:aws:codeconnections:eu-west-1:${ACCOUNT}:connection/example` }),
      commands: ['npm ci', 'npx cdk synth'],
    }),
  });
  const prod = new Stage(app, 'Prod', { env: { account: ACCOUNT, region: 'eu-west-1' } });
  const vpc = blogVpc(new Stack(prod, 'Network'));
  if (variant === 'broken') leak(vpc);
  else privateRoutes(vpc);
  pipeline.addStage(prod);
  if (door === 'aspect') Aspects.of(app).add(new NatRouteGuard());
  else Validations.of(app).addPlugins(new NatRouteGuardPlugin());
  return app;
}

if (require.main === module) {
  const build = process.argv[4] === 'codepipeline' ? buildCodePipelineApp : buildPipelineApp;
  build(process.argv[2] === 'fixed' ? 'fixed' : 'broken', process.argv[3] === 'plugin' ? 'plugin' : 'aspect').synth();
}
