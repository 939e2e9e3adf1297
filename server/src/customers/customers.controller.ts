import {
  BadRequestException,
  Controller,
  Get,
  NotFoundException,
  Param,
  Query,
} from '@nestjs/common';
import {
  type CustomerList,
  type CustomerListQuery,
  type CustomerLookupQuery,
  type CustomerProfile,
  customerListQuerySchema,
  customerLookupQuerySchema,
} from '@switchyard/contracts';
import { WorkspaceId } from '../common/request-context.js';
import { zodQuery } from '../common/zod-validation.pipe.js';
import { CustomerListService } from './customer-list.service.js';
import { customerKeys } from './customer-lookup.util.js';
import { CustomersService } from './customers.service.js';

@Controller('api/customers')
export class CustomersController {
  constructor(
    private readonly customers: CustomersService,
    private readonly customerList: CustomerListService,
  ) {}

  /** Newest first; `q` searches the external id and the name and e-mail traits. */
  @Get()
  list(
    @WorkspaceId() workspaceId: string,
    @Query(zodQuery(customerListQuerySchema)) query: CustomerListQuery,
  ): Promise<CustomerList> {
    return this.customerList.list(workspaceId, query);
  }

  /** `:id` is the internal id (digits) or the external id; see customerLookupQuerySchema. */
  @Get(':id')
  async get(
    @WorkspaceId() workspaceId: string,
    @Param('id') id: string,
    @Query(zodQuery(customerLookupQuerySchema)) query: CustomerLookupQuery,
  ): Promise<CustomerProfile> {
    const keys = customerKeys(id, query.by);
    if (!keys)
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: 'params.id: must be a positive integer when by=id',
        issues: [{ field: 'params.id', message: 'must be a positive integer when by=id' }],
      });
    const profile = await this.customers.profile(workspaceId, keys);
    if (!profile)
      throw new NotFoundException({
        statusCode: 404,
        error: 'Not Found',
        message: 'no such customer',
      });
    return profile;
  }
}
