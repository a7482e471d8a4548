/** How on-premises networks are reached. */
export enum OnPremisesConnection {
  /** A virtual private gateway: Site-to-Site VPN and/or Direct Connect (private VIF through a Direct Connect gateway). */
  VPN_GATEWAY = 'vpn-gateway',
  /** An existing transit gateway, attached in dedicated subnets. */
  TRANSIT_GATEWAY = 'transit-gateway',
}
