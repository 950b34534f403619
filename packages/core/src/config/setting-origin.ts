/** Where a resolved setting came from, highest precedence first. (Its own module: the config types and the
 * look settings both name it, and neither may import the other.) */
export type SettingOrigin = 'flag' | 'env' | 'file' | 'default';
