import { Segmented } from '../ui/Segmented.js';
import { bucketLabel, type BucketSwitch } from './use-bucket.js';

/** The bucket switch of a chart header (nothing when there is at most one choice). */
export function BucketControl({ control, label = 'Time bucket' }: { control: BucketSwitch; label?: string }) {
  if (control.choices.length < 2 || control.bucket === null) return null;
  return (
    <Segmented
      label={label}
      options={control.choices.map((value) => ({ value, label: bucketLabel(value) }))}
      value={control.bucket}
      onChange={control.setBucket}
    />
  );
}
