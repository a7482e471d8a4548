/**
 * The names CDK gives what it records in templates and cloud assemblies, for the readers that
 * must not import aws-cdk-lib. A test checks each against the constant aws-cdk-lib exports, where
 * it exports one, on every release the tests run on.
 */

/** Resource metadata: the construct path (`cxapi.PATH_METADATA_KEY`). */
export const PATH_METADATA_KEY = 'aws:cdk:path';
/** Resource metadata: an asset's path, a nested stack's template among them (`cxapi.ASSET_RESOURCE_METADATA_PATH_KEY`). */
export const ASSET_PATH_METADATA_KEY = 'aws:asset:path';
/** Assembly metadata: a resource's logical id (`cxschema.ArtifactMetadataEntryType.LOGICAL_ID`). */
export const LOGICAL_ID_METADATA_KEY = 'aws:cdk:logicalId';
/** Assembly metadata: acknowledged rules (`Validations.ACKNOWLEDGED_RULES_METADATA_KEY`). */
export const ACKNOWLEDGED_METADATA_KEY = 'aws:cdk:acknowledged-rules';
/** Assembly metadata: a nested stack's template file, on releases that record it (no constant exported). */
export const TEMPLATE_FILE_METADATA_KEY = 'aws:cdk:templateFile';
/**
 * Assembly metadata, this library's own: on a stack, an acknowledgement given above it (on the App
 * or a Stage, which the cloud assembly keeps no metadata of), as `{ at, acknowledged }`, where `at`
 * is the path it was given on ('' for the App) and `acknowledged` CDK's entry for it.
 */
export const ACKNOWLEDGED_ABOVE_METADATA_KEY = 'cdk-nat-route-guard:acknowledged-above';
/** Assembly metadata: where a construct was created, as stack frames (`cxschema.ArtifactMetadataEntryType.CREATION_STACK`, recorded by newer releases). */
export const CREATION_STACK_METADATA_KEY = 'aws:cdk:creationStack';
