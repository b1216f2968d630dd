using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tanpan.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Products : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Products",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Model = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PcrId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Boundary = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    InformationJson = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    DataFrom = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DataTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DataJustification = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Products", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Products_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BomLines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProductId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    LineNo = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Parent = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    ComponentClass = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Quantity = table.Column<decimal>(type: "TEXT", precision: 28, scale: 10, nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Activity = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Supplier = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    FactorValue = table.Column<decimal>(type: "TEXT", precision: 28, scale: 10, nullable: true),
                    FactorUnit = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    FactorSource = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    FactorPeriod = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Omitted = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BomLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BomLines_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_BomLines_Products_ProductId",
                        column: x => x.ProductId,
                        principalTable: "Products",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BomLines_CompanyId",
                table: "BomLines",
                column: "CompanyId");

            migrationBuilder.CreateIndex(
                name: "IX_BomLines_ProductId_LineNo",
                table: "BomLines",
                columns: new[] { "ProductId", "LineNo" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Products_CompanyId",
                table: "Products",
                column: "CompanyId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BomLines");

            migrationBuilder.DropTable(
                name: "Products");
        }
    }
}
