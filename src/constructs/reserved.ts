/** The subnet group a construct dedicates to transit gateway attachments: never given private routes. */
export const RESERVED_SUBNET_GROUP = 'TransitGatewayAttachment';
