/**
 * A CDK Pipelines-shaped app: the network stack lives in a Stage (in a Stage), as every stack a
 * pipeline deploys does. `broken` puts the blog's leak there; `fixed` routes the range from the
 * private subnets. The guard is added through the door named on the command line.
 *
 *   ts-node test/demo/pipeline-app.ts broken|fixed aspect|plugin
 */
import { App, Aspects, Stack, Stage, Validations } from 'aws-cdk-lib';
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

if (require.main === module) {
  buildPipelineApp(process.argv[2] === 'fixed' ? 'fixed' : 'broken', process.argv[3] === 'plugin' ? 'plugin' : 'aspect').synth();
}
