import { NatRouteGuard } from './nat-route-guard';
import { OWN_GUARD } from './settings';

/**
 * The guard a construct of this library adds for itself: its settings apply only where no guard
 * the user added covers a construct, so the user's `ruleLevels` always win.
 */
export function ownGuard(): NatRouteGuard {
  OWN_GUARD.building = true;
  try {
    return new NatRouteGuard();
  } finally {
    OWN_GUARD.building = false;
  }
}
