// The form of the generated ECS model data (shapes.ts): botocore's shape types, reduced to what
// validation and wire conversion need.
export type Shape =
  | { type: 'structure'; members: Record<string, string>; required?: string[] }
  | { type: 'list'; member: string; min?: number; max?: number }
  | { type: 'map'; key: string; value: string }
  | { type: 'string'; enum?: string[]; min?: number; max?: number }
  | { type: 'integer' | 'long' | 'double' | 'boolean' | 'timestamp'; min?: number; max?: number };

export interface Operation {
  input: string;
  output: string;
  /** ECS error shapes the action may return. */
  errors: string[];
}
