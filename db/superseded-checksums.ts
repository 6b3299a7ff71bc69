// Checksums of migrations as databases in the field applied them, before their function and view
// definitions moved out to migrations/repeatable/ (issue 16, repeatable SQL). Those files now hold
// only their schema changes, so their checksum changed; a database that recorded one of these old
// checksums applied the old text, whose functions the repeatable files then replace. Accepted in
// addition to each file's current checksum; nothing else about a migration may change.
//
// To move a function out of a migration that is already applied somewhere (main, a release):
// cut it into migrations/repeatable/<name>.sql (CREATE OR REPLACE, body unchanged), then add the
// migration's checksum from before the cut here: `git show <commit before>:migrations/<file> | sha256sum`.
export const SUPERSEDED_CHECKSUMS: Readonly<Record<string, readonly string[]>> = {
  '0001_create_foundation.sql': ['f3f3c8b65483ab56be1e5a1da92ccd0ac72e0916300003dbec10337d6613f302'],
  '0010_create_coverage.sql': ['25a1fee7d7f60afb446d6618a72787f068003cd93dcd740334742c7ef300b0e9'],
  '0011_create_coverage_refresh.sql': ['f672981b86ffbe8d4fd4e70157bd8602a8f764d9b472bcec3a9490b6855e149a'],
  '0013_create_coverage_blind_spot_pieces.sql': ['2e5f1d6026bd16044c826e1786eaa115c5ebffcb90b19616647ef8fcbf1a3d7f'],
  '0014_alter_coverage_plan_caching.sql': ['b11b76ec00f4f41131b50eb8798e35e87ef12da641306e611940ed029c922ad5'],
  '0015_replace_coverage_batch_functions.sql': ['82f39fe947c002fc6619a561dff1c7954c924ab88160d2fe32c7122e380d76c4'],
  '0016_replace_coverage_blind_spots_now.sql': ['86c1e071ed82bd494fae3457556ba474a95a8657635a97967b3e0a5702347e87'],
  '0017_create_coverage_refresh_cameras.sql': ['70ce8eb3c5f7dc82fc5a91b7f9e3e3a3db3a030b72bbdda281b883fe44dc878d'],
  '0018_create_blind_spot_samples.sql': ['f240950f82e5d734cdbe3c4fa4c0d02fce48a7378add71411c7637ab6bae200e'],
  '0019_create_coverage_as_of_now.sql': ['9a3ac9c7d6dc93d2b85c9549cde5d7251392bc3bc7554cad3babbe6a88f92fbd'],
  '0060_replace_blind_spots_road_overlay.sql': ['36766e677be0a28c60dc51bb906a4e3978e79c7142a7c1a4c11471dfe2609401'],
  '0063_alter_camera_footprints_metric_only.sql': ['3e00cbe61e440323bbf8412860cb3979a5b2b41170e7b55bbee61836842b3388'],
  '0065_alter_coverage_blind_spots_metric_only.sql': ['ce4cf212c1abb1247e2d5b5baa5053beb6d917d48256153944c6d4ab69f0225e'],
  '0066_replace_tile_envelope_m.sql': ['eb1b99bd1196ac23d3407eb1aebdfa6af680b09619d515afcf54c0256f30bd15'],
};
