import { isolationCase } from './isolation.ts'

isolationCase(4)
