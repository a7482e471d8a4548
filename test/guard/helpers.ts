import { App, AspectPriority, Aspects, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { NatRouteGuard, NatRouteGuardProps } from '../../src';

export interface Reported {
  readonly level: 'error' | 'warning' | 'info';
  readonly path: string;
  readonly message: string;
  readonly rule: string;
}

const LEVELS: Record<string, Reported['level']> = { 'aws:cdk:error': 'error', 'aws:cdk:warning': 'warning', 'aws:cdk:info': 'info' };

/** Synthesize and collect every guard annotation in the tree (nested stacks included). */
export function reported(app: App): Reported[] {
  app.synth();
  const out: Reported[] = [];
  const visit = (c: IConstruct) => {
    for (const m of c.node.metadata) {
      const level = LEVELS[m.type];
      const text = String(m.data);
      const rule = /^\[(NRG-[A-Z0-9-]+)\]/.exec(text)?.[1];
      if (level && rule) out.push({ level, path: c.node.path, message: text, rule });
    }
    c.node.children.forEach(visit);
  };
  visit(app);
  return out;
}

/** `level rule @ path`, sorted: what a reviewer reads. */
export function summary(app: App): string[] {
  return reported(app).map((r) => `${r.level} ${r.rule} @ ${r.path}`).sort();
}

export function newApp(props?: NatRouteGuardProps): { app: App; stack: Stack } {
  const app = new App();
  const stack = new Stack(app, 'S', { env: { account: '111111111111', region: 'eu-west-1' } });
  Aspects.of(app).add(new NatRouteGuard(props), { priority: AspectPriority.READONLY });
  return { app, stack };
}
