import { Module } from '@nestjs/common';
import { CustomerListService } from './customer-list.service.js';
import { CustomersController } from './customers.controller.js';
import { CustomersService } from './customers.service.js';

@Module({
  controllers: [CustomersController],
  providers: [CustomersService, CustomerListService],
  exports: [CustomersService],
})
export class CustomersModule {}
